//! The wismo chat widget.
