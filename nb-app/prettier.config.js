/** The code's existing style: single quotes, semicolons, trailing commas, long lines. */
export default {
  printWidth: 120,
  singleQuote: true,
  trailingComma: 'all',
  semi: true,
  arrowParens: 'always',
};
