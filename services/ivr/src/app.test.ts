import { describeServiceApp } from '@hotline/platform/testing';
import { buildApp } from './app.js';

describeServiceApp('ivr', buildApp);
