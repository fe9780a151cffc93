"""Safe Chat's shared core: content, helplines and cards.

Both the Rasa server (NLG, channel, NLU components) and the action server import from
here, so a help card is built the same way everywhere and never needs the action server.
"""
