export { loadConfigFile, parseConfigText, type ConfigOptions, type LoadedConfig } from './load.js';
export { didYouMean, editDistance } from './suggest.js';
