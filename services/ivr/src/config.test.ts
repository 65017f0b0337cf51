import { describeServiceConfig } from '@hotline/platform/testing';
import { DEFAULT_PORT, loadIvrConfig } from './config.js';

describeServiceConfig('ivr', loadIvrConfig, DEFAULT_PORT);
