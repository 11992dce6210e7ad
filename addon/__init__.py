"""Sincerely's Gmail add-on over the Workspace HTTP runtime: card builders, request verification, routes."""
