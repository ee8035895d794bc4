//! Parsers for raw tracking responses (stub).
