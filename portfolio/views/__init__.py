"""The candidate's portfolio pages: `reading` (pages) and `editing` (changes)."""
