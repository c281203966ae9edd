/**
 * How a new spec names its service: the class-name words (`RdsMysqlV2` -> `RdsMysqlV2Client`) and the
 * display name a title is made of ("RDS for MySQL" -> "Volcengine RDS for MySQL"). The catalog has
 * only the packages' folder names (`rdsmysqlv2`), which cannot be split into words by rule, so the
 * import looks them up here. The result is written into the spec (`x-volc-service.className` and
 * `displayName`, `info.title`), where a person may change it; the generator reads only the spec.
 *
 * Keys are package names without a version suffix (`advdefence20230308` uses `advdefence`).
 */
export const SERVICE_NAMES: Readonly<Record<string, readonly [className: string, displayName: string]>> = {
  acep: ['Acep', 'Cloud Phone (ACEP)'],
  advdefence: ['AdvDefence', 'Anti-DDoS Advanced'],
  agentsphere: ['AgentSphere', 'AgentSphere'],
  aiotvideo: ['AiotVideo', 'AIoT Video'],
  alb: ['Alb', 'Application Load Balancer (ALB)'],
  apig: ['Apig', 'API Gateway'],
  apmplusserver: ['ApmPlusServer', 'APMPlus Server'],
  ark: ['Ark', 'Ark'],
  arkclaw: ['ArkClaw', 'ArkClaw'],
  autoscaling: ['AutoScaling', 'Auto Scaling'],
  billing: ['Billing', 'Billing'],
  bmq: ['Bmq', 'BMQ'],
  bytehouse: ['ByteHouse', 'ByteHouse'],
  bytehousece: ['ByteHouseCe', 'ByteHouse Cloud Edition'],
  cbr: ['Cbr', 'Cloud Backup (CBR)'],
  cdn: ['Cdn', 'CDN'],
  cen: ['Cen', 'Cloud Enterprise Network (CEN)'],
  certificateservice: ['CertificateService', 'Certificate Service'],
  clawsentry: ['ClawSentry', 'ClawSentry'],
  clb: ['Clb', 'Cloud Load Balancer (CLB)'],
  cloudcontrol: ['CloudControl', 'Cloud Control API'],
  clouddetect: ['CloudDetect', 'Cloud Detect'],
  cloudidentity: ['CloudIdentity', 'Cloud Identity'],
  cloudmonitor: ['CloudMonitor', 'Cloud Monitor'],
  cloudtrail: ['CloudTrail', 'CloudTrail'],
  config: ['Config', 'Config'],
  coze: ['Coze', 'Coze'],
  cp: ['Cp', 'Continuous Delivery (CP)'],
  cpaas: ['Cpaas', 'CPaaS'],
  cr: ['Cr', 'Container Registry (CR)'],
  cv: ['Cv', 'Computer Vision (CV)'],
  dataleap: ['DataLeap', 'DataLeap'],
  dbw: ['Dbw', 'Database Workbench (DBW)'],
  dcdn: ['Dcdn', 'DCDN'],
  directconnect: ['DirectConnect', 'Direct Connect'],
  dms: ['Dms', 'DMS'],
  dns: ['Dns', 'DNS'],
  ecs: ['Ecs', 'ECS'],
  edx: ['Edx', 'EDX'],
  efs: ['Efs', 'EFS'],
  emr: ['Emr', 'E-MapReduce (EMR)'],
  escloud: ['EsCloud', 'Cloud Search (ESCloud)'],
  filenas: ['FileNas', 'File Storage NAS'],
  flink: ['Flink', 'Flink'],
  fwcenter: ['FwCenter', 'Cloud Firewall (FWCenter)'],
  ga: ['Ga', 'Global Accelerator (GA)'],
  graph: ['Graph', 'Graph'],
  gtm: ['Gtm', 'Global Traffic Manager (GTM)'],
  hbase: ['HBase', 'HBase'],
  i18nopenapi: ['I18nOpenApi', 'I18n OpenAPI'],
  iam: ['Iam', 'IAM'],
  id: ['Id', 'ID'],
  insight: ['Insight', 'Insight'],
  kafka: ['Kafka', 'Kafka'],
  kms: ['Kms', 'Key Management Service (KMS)'],
  mcdn: ['Mcdn', 'Multi-CDN (MCDN)'],
  mcs: ['Mcs', 'MCS'],
  metakms: ['MetaKms', 'MetaKMS'],
  milvus: ['Milvus', 'Milvus'],
  mongodb: ['MongoDb', 'MongoDB'],
  na: ['Na', 'NA'],
  natgateway: ['NatGateway', 'NAT Gateway'],
  nta: ['Nta', 'NTA'],
  organization: ['Organization', 'Organization'],
  partner: ['Partner', 'Partner'],
  pca: ['Pca', 'Private CA (PCA)'],
  privatelink: ['PrivateLink', 'PrivateLink'],
  privatezone: ['PrivateZone', 'PrivateZone'],
  quota: ['Quota', 'Quota'],
  rabbitmq: ['RabbitMq', 'RabbitMQ'],
  rcs5g: ['Rcs5g', 'RCS 5G Messaging'],
  rdsmssql: ['RdsMssql', 'RDS for SQL Server'],
  rdsmysqlv2: ['RdsMysqlV2', 'RDS for MySQL'],
  rdspostgresql: ['RdsPostgresql', 'RDS for PostgreSQL'],
  redis: ['Redis', 'Cache for Redis'],
  resourcecenter: ['ResourceCenter', 'Resource Center'],
  resourceshare: ['ResourceShare', 'Resource Share'],
  rocketmq: ['RocketMq', 'RocketMQ'],
  secagent: ['SecAgent', 'Security Agent'],
  seccenter: ['SecCenter', 'Security Center'],
  smc: ['Smc', 'Server Migration Center (SMC)'],
  speechsaasprod: ['SpeechSaasProd', 'Speech SaaS'],
  sqs: ['Sqs', 'Simple Queue Service (SQS)'],
  storageebs: ['StorageEbs', 'Elastic Block Storage (EBS)'],
  sts: ['Sts', 'STS'],
  tag: ['Tag', 'Tag'],
  tis: ['Tis', 'TIS'],
  transitrouter: ['TransitRouter', 'Transit Router'],
  translate: ['Translate', 'Machine Translation'],
  vedbm: ['VedbM', 'veDB for MySQL'],
  veenedge: ['VeenEdge', 'veEN Edge Computing'],
  vefaas: ['VeFaas', 'veFaaS'],
  vefaasdev: ['VeFaasDev', 'veFaaS Dev'],
  veiapi: ['VeiApi', 'veI API'],
  vepfs: ['VePfs', 'vePFS'],
  vke: ['Vke', 'Kubernetes Engine (VKE)'],
  vmp: ['Vmp', 'Managed Prometheus (VMP)'],
  vod: ['Vod', 'Video on Demand (VOD)'],
  volcobserve: ['VolcObserve', 'VolcObserve'],
  vpc: ['Vpc', 'VPC'],
  vpn: ['Vpn', 'VPN'],
  waf: ['Waf', 'Web Application Firewall (WAF)'],
  wtn: ['Wtn', 'WTN'],
};

export interface ServiceNames {
  readonly className: string;
  readonly displayName: string;
}

/**
 * Names for a catalog package: from the table, with a version suffix kept (`advdefence20230308` ->
 * `AdvDefence20230308`, "Anti-DDoS Advanced (API 2023-03-08)"). A package the table lacks takes the
 * words of its signing name when that has several (`ml_platform` -> `MlPlatform`, "Ml Platform"), else
 * its folder name, capitalized.
 */
export function serviceNames(pkg: string, service?: string): ServiceNames {
  const [, base = pkg, date] = /^(.*?)(\d{8})?$/.exec(pkg) ?? [];
  const words = (service ?? '').split(/[_-]/).filter(Boolean);
  const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  const fallback: [string, string] =
    words.length > 1 && words.join('') === base
      ? [words.map(capital).join(''), words.map(capital).join(' ')]
      : [capital(base), capital(base)];
  const [className, displayName] = SERVICE_NAMES[base] ?? fallback;
  if (!date) return { className, displayName };
  return {
    className: `${className}${date}`,
    displayName: `${displayName} (API ${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)})`,
  };
}
