/** AI and ML platforms: OpenAI, Anthropic, Hugging Face, Groq, Perplexity, Replicate, Cohere, ... */
import { assigned, rule, token } from './build.js';

export const AI_RULES = [
  rule({
    id: 'openai-api-key',
    title: 'OpenAI API key',
    severity: 'HIGH',
    keywords: ['t3blbkfj'],
    // Every OpenAI key format (legacy, project, service-account, admin) embeds "T3BlbkFJ", base64 of "OpenAI".
    pattern: token('sk-(?:(?:proj|svcacct|admin)-)?', '[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}'),
  }),
  rule({
    id: 'anthropic-api-key',
    title: 'Anthropic API key',
    severity: 'HIGH',
    keywords: ['sk-ant-'],
    pattern: token('sk-ant-(?:api|admin)0\\d-', '[A-Za-z0-9_-]{80,100}AA'),
  }),
  rule({
    id: 'huggingface-token',
    title: 'Hugging Face access token',
    severity: 'HIGH',
    keywords: ['hf_', 'api_org_'],
    pattern: token('(?:hf_|api_org_)', '[A-Za-z]{34}'),
    minEntropy: 3.5,
  }),
  rule({
    id: 'groq-api-key',
    title: 'Groq API key',
    severity: 'MEDIUM',
    keywords: ['gsk_'],
    pattern: token('gsk_', '[A-Za-z0-9]{52}'),
  }),
  rule({
    id: 'perplexity-api-key',
    title: 'Perplexity API key',
    severity: 'MEDIUM',
    keywords: ['pplx-'],
    pattern: token('pplx-', '[A-Za-z0-9]{48}'),
  }),
  rule({
    id: 'replicate-api-token',
    title: 'Replicate API token',
    severity: 'MEDIUM',
    keywords: ['r8_'],
    pattern: token('r8_', '[A-Za-z0-9]{37}'),
    minEntropy: 3.5,
  }),
  rule({
    id: 'cohere-api-key',
    title: 'Cohere API key',
    severity: 'MEDIUM',
    keywords: ['cohere', 'co_api'],
    pattern: assigned('(?:cohere|co)[_.-]?api[_.-]?key', '[A-Za-z0-9]{40}'),
  }),
  rule({
    id: 'xai-api-key',
    title: 'xAI API key',
    severity: 'MEDIUM',
    keywords: ['xai-'],
    pattern: token('xai-', '[A-Za-z0-9]{80}'),
  }),
];
