//! TEMPORARY stub until the real parser lands.
pub fn parse_module<'a>(
    _arena: &'a bumpalo::Bump,
    _source: &str,
) -> Result<crate::ast::Module<'a>, crate::error::CompileError> {
    Err(crate::error::CompileError::syntax(
        "parser not yet available",
        1,
        0,
    ))
}
