"""The generated award grid: questions built from parts, each with its award computed from the rule data."""
