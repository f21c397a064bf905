//! TEMPORARY stub until the real lexer lands.
