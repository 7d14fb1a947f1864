// The CDK app: `npx cdk synth` / `npx cdk deploy`. An explicit env keeps synthesis offline.
import { App } from 'aws-cdk-lib';
import { TongketStack } from './stack.ts';

const app = new App();
new TongketStack(app, process.env.TONGKET_STACK_NAME ?? 'Tongket', {
  env: {
    account: process.env.CDK_DEFAULT_ACCOUNT ?? process.env.TONGKET_ACCOUNT ?? '000000000000',
    region: process.env.CDK_DEFAULT_REGION ?? process.env.TONGKET_REGION ?? 'ap-southeast-1',
  },
  description: 'Tổng kết: year-end reporting cycle of mass associations',
});
