"""Jobs: run documents through extraction and write them out (extract, nightly, reprocess)."""
