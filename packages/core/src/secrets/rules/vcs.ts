/** Source hosting and CI: GitHub, GitLab, Bitbucket, Atlassian, CircleCI, Buildkite, SonarQube, Travis. */
import { hasCrc32Base62Suffix } from '../checksum.js';
import { assigned, rule, token } from './build.js';

const githubToken = (id: string, prefix: string, title: string) =>
  rule({
    id,
    title,
    severity: 'CRITICAL',
    keywords: [prefix],
    pattern: token(prefix, '[A-Za-z0-9]{36}'),
    // The last 6 characters are the CRC-32 of the 30 before them: a token of the right shape with a wrong checksum is a
    // typo or a decoy, not a credential.
    verify: hasCrc32Base62Suffix,
    references: ['https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/'],
  });

export const VCS_RULES = [
  githubToken('github-pat-classic', 'ghp_', 'GitHub personal access token (classic)'),
  githubToken('github-oauth-token', 'gho_', 'GitHub OAuth access token'),
  githubToken('github-user-to-server-token', 'ghu_', 'GitHub App user-to-server token'),
  githubToken('github-server-to-server-token', 'ghs_', 'GitHub App installation (server-to-server) token'),
  githubToken('github-refresh-token', 'ghr_', 'GitHub App refresh token'),
  rule({
    id: 'github-pat-fine-grained',
    title: 'GitHub fine-grained personal access token',
    severity: 'CRITICAL',
    keywords: ['github_pat_'],
    pattern: token('github_pat_', '[A-Za-z0-9]{22}_[A-Za-z0-9]{59}'),
    minEntropy: 3.5,
  }),
  rule({
    id: 'gitlab-pat',
    title: 'GitLab personal access token',
    severity: 'CRITICAL',
    keywords: ['glpat-'],
    pattern: token('glpat-', '[A-Za-z0-9_-]{20}(?:\\.[A-Za-z0-9]{2}\\.[a-z0-9]{9})?'),
    minEntropy: 3,
  }),
  rule({
    id: 'gitlab-pipeline-trigger-token',
    title: 'GitLab pipeline trigger token',
    severity: 'HIGH',
    keywords: ['glptt-'],
    pattern: token('glptt-', '[a-f0-9]{40}'),
  }),
  rule({
    id: 'gitlab-runner-token',
    title: 'GitLab runner authentication or registration token',
    severity: 'HIGH',
    keywords: ['glrt-', 'gr1348941'],
    pattern: token('(?:glrt-|GR1348941)', '[A-Za-z0-9_-]{20}'),
  }),
  rule({
    id: 'gitlab-deploy-token',
    title: 'GitLab deploy token',
    severity: 'HIGH',
    keywords: ['gldt-'],
    pattern: token('gldt-', '[A-Za-z0-9_-]{20}'),
  }),
  rule({
    id: 'gitlab-other-token',
    title: 'GitLab feed, OAuth application, CI build, incoming mail or agent token',
    severity: 'MEDIUM',
    keywords: ['glft-', 'gloas-', 'glcbt-', 'glimt-', 'glagent-', 'glsoat-'],
    pattern: token('(?:glft-|gloas-|glcbt-[A-Za-z0-9]{1,5}_|glimt-|glagent-|glsoat-)', '[A-Za-z0-9_-]{20,64}'),
  }),
  rule({
    id: 'bitbucket-app-password',
    title: 'Bitbucket app password',
    severity: 'HIGH',
    keywords: ['atbb'],
    pattern: token('ATBB', '[A-Za-z0-9_=.-]{32}'),
  }),
  rule({
    id: 'atlassian-api-token',
    title: 'Atlassian API token',
    severity: 'HIGH',
    keywords: ['atatt3'],
    pattern: token('ATATT3', '[A-Za-z0-9_=-]{186}'),
  }),
  rule({
    id: 'circleci-token',
    title: 'CircleCI personal or project token',
    severity: 'HIGH',
    keywords: ['ccipat_', 'ccipat'],
    pattern: token('CCIP(?:AT|RJ)_', '[A-Za-z0-9]{22}_[a-f0-9]{40}'),
  }),
  rule({
    id: 'buildkite-token',
    title: 'Buildkite API token',
    severity: 'HIGH',
    keywords: ['bkua_'],
    pattern: token('bkua_', '[a-f0-9]{40}'),
  }),
  rule({
    id: 'sonarqube-token',
    title: 'SonarQube / SonarCloud token',
    severity: 'MEDIUM',
    keywords: ['squ_', 'sqp_', 'sqa_'],
    pattern: token('sq[upa]_', '[a-f0-9]{40}'),
  }),
  rule({
    id: 'travis-ci-token',
    title: 'Travis CI access token',
    severity: 'MEDIUM',
    keywords: ['travis'],
    pattern: assigned('travis[_.-]?(?:api[_.-]?|access[_.-]?)?token', '[A-Za-z0-9_-]{22}'),
  }),
  rule({
    id: 'jfrog-api-key',
    title: 'JFrog Artifactory API key or identity token',
    severity: 'HIGH',
    keywords: ['akcp', 'cmvmdg'],
    pattern: token('(?:AKCp[0-9]|cmVmdGtuOjAxOj)', '[A-Za-z0-9]{60,90}'),
  }),
  rule({
    id: 'harness-pat',
    title: 'Harness personal access token',
    severity: 'HIGH',
    keywords: ['pat.'],
    pattern: token('pat\\.', '[A-Za-z0-9_-]{22}\\.[a-f0-9]{24}\\.[A-Za-z0-9]{20}'),
  }),
];
