"""The analyst workbench (`findings review`): browse the register, read each report with its evidence
highlighted, see what a reprocess changed, record corrections and export them as gold.

Corrections live in their own tables (register revision 0004) and never overwrite machine output; `items.py`
applies them to a stored output to give the corrected view.
"""
