"""Figures, Danish-formatted tables and the texts the report notebooks show."""
