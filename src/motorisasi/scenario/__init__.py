"""Scenario files and the pipeline that turns a scenario into a labelled result."""
