"""The declarations file (dpg.yml): loading, validation against its schema."""
