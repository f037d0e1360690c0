import { App } from 'aws-cdk-lib';
import { buildStacks, configFromContext } from '../lib/stacks.js';

const app = new App();
buildStacks(app, configFromContext(app));
app.synth();
