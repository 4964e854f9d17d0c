//! Language identification (stub, being written).
