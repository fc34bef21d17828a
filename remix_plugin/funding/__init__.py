"""Matching projects with funding: calls for funding (bandi) as data, the eligibility of every
project for every open call with the reason of each criterion, and the import of national open
data on funded projects keyed by CUP. Core: no QGIS (docs/funding.md)."""
