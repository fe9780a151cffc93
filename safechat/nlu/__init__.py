"""Custom Rasa NLU components (graph components named in config.yml)."""
