// The paths a sign-up answer names as its next steps (sign in, send the emailed code, ask for
// another): the routes use them as their paths and the answers' schemas pin them, so the answer
// cannot name a route the table does not have. Here, apart from the route files, so the sign-up
// answers' schemas and the services that fill them import them without importing the table.
export const SIGN_IN_PATH = '/api/v1/auth/token';
export const VERIFY_EMAIL_PATH = '/api/v1/accounts/verify';
export const RESEND_CODE_PATH = '/api/v1/accounts/resend-code';
