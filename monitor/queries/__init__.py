"""Every read the pages make, as parameterised SQL returning DataFrames: one module a page, over filters.py."""
