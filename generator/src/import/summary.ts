/**
 * A plain-sentence summary from an action name, for actions that have no documentation yet:
 * `DescribeDBInstances` -> `Describe DB instances.` Acronyms stay upper-case.
 */

// Mixed-case words that the camel-case split would tear apart.
const WHOLE_WORDS = ['OAuth', 'IPv4', 'IPv6', 'MySQL', 'PostgreSQL', 'MongoDB', 'SQLServer', 'O11y'];

// Acronyms that action names write in camel case (`Vpc`, `Eip`); keys are lower-case.
const ACRONYMS: Record<string, string> = Object.fromEntries(
  [
    'ACL',
    'AK',
    'API',
    'CDN',
    'CIDR',
    'CPU',
    'DB',
    'DNS',
    'EBS',
    'ECS',
    'EIP',
    'GPU',
    'HA',
    'HPC',
    'HTTP',
    'HTTPS',
    'IAM',
    'ID',
    'IP',
    'IPAM',
    'KMS',
    'MFA',
    'NAT',
    'OIDC',
    'QPS',
    'SAML',
    'SK',
    'SQL',
    'SSH',
    'SSL',
    'SSO',
    'STS',
    'TCP',
    'TLS',
    'TOS',
    'TRN',
    'UDP',
    'URL',
    'VIP',
    'VPC',
    'VPN',
  ].flatMap((acronym) => [
    [acronym.toLowerCase(), acronym],
    [`${acronym.toLowerCase()}s`, `${acronym}s`],
  ]),
);
Object.assign(ACRONYMS, { ipv4: 'IPv4', ipv6: 'IPv6', redis: 'Redis' });

// An acronym's plural (`LBs`, `IPs`) is one word: capitals, then one `s` that ends the word.
// A token with a digit between letters (`I2i`, `T2v`, `Img2img`, `ZX2x`) is one word, kept as written.
const WORD = new RegExp(
  `${WHOLE_WORDS.join('|')}|[A-Z]{2,}s(?![a-z])|[A-Z]+[a-z]*\\d+[a-z]+(?![a-z])|[A-Z]+\\d*(?![a-z])|[A-Z]?[a-z]+\\d*|\\d+`,
  'g',
);

export function summaryFromName(name: string): string {
  const words = (name.match(WORD) ?? [name]).map((word, index) => {
    if (WHOLE_WORDS.includes(word) || (word.length > 1 && word === word.toUpperCase())) return word;
    if (/^[A-Z]{2,}s$/.test(word) || /^[A-Z]+[a-z]*\d+[a-z]+$/.test(word)) return word;
    const known = ACRONYMS[word.toLowerCase()];
    if (known) return known;
    return index === 0 ? word[0]!.toUpperCase() + word.slice(1).toLowerCase() : word.toLowerCase();
  });
  return `${words.join(' ')}.`;
}
