"""pandera models of the upload kinds, derived from the KPI catalog."""
