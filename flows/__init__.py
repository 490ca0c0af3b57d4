"""Prefect wiring of the pipeline library: nightly ingestion (scheduled) and archive reprocessing (Dask).

The logic lives in pipeline/; these modules only turn library steps into flows and tasks, so every
step can be tested without Prefect.
"""
