"""Experiments that were measured and not adopted; kept runnable so their figures can be checked."""
