"""Training and evaluation of the templated-email head. Writes the files server/inference.py loads."""
