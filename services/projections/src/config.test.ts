import { describeServiceConfig } from '@hotline/platform/testing';
import { DEFAULT_PORT, loadProjectionsConfig } from './config.js';

describeServiceConfig('projections', loadProjectionsConfig, DEFAULT_PORT);
