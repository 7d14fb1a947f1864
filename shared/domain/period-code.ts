// A period's code (SPEC section 12): what /periods/{code} carries. Its own module so that the
// read jobs do not bundle the configuration's schema.
export const PERIOD_CODE = /^[A-Za-z0-9_-]{1,40}$/;
