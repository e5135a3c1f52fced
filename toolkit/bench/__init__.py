"""`scripts/bench`: build synthetic toolkits of 20, 200 and 1,000 modules with our pipeline and with
vanilla Material for MkDocs, side by side, and measure build time, memory and first page load.

synthetic.py writes the content trees, vanilla.py the plain MkDocs project, measure.py runs and
times child processes, firstload.py loads a page in headless Chromium, online.py times the online
link check against LinkChecker, run.py puts it together and writes build/reports/bench.json.
"""
