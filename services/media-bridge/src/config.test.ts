import { describeServiceConfig } from '@hotline/platform/testing';
import { DEFAULT_PORT, loadMediaBridgeConfig } from './config.js';

describeServiceConfig('media-bridge', loadMediaBridgeConfig, DEFAULT_PORT);
