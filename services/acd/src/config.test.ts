import { describeServiceConfig } from '@hotline/platform/testing';
import { DEFAULT_PORT, loadAcdConfig } from './config.js';

describeServiceConfig('acd', loadAcdConfig, DEFAULT_PORT);
