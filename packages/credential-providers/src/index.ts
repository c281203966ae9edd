/**
 * @volc-ts/credential-providers: credential sources that need a Volcengine service to work, kept out of
 * @volc-ts/core so the core stays free of service packages.
 */
export { fromAssumeRole, type AssumeRoleOptions } from './assume-role.js';
export { defaultCredentialChainWithRoles, fromProfile, type ProfileOptions } from './profile.js';
