/**
 * The Reference.Type rule R3 constrains. The contract states it only in R3's prose (and
 * validate-documented.ts hard-codes it), so it is named once here.
 */
export const dateType = 'DATE';
