"""Maintainer tools: running the servers, evaluating the model, trying safety-net cues."""
