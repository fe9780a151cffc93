"""Custom actions run by the action server (`rasa run actions`).

Help cards and lessons are built by the Rasa server itself (safechat/nlg.py), so nothing a
child must see depends on this server; actions here add conversation behaviour on top.
"""
