import { isGeneratedIdentifier, looksLikeSecretValue } from '../../src/predicates/secret';

describe('generated CloudFormation/CDK names are not credentials', () => {
  test.each([
    'PipelineBuildSynthCdkBuildProject6BEFA8E6',
    'Ci-PipelineBuildSynthCdkBuildProj-AbCdEf123456',
    'HardenedPipeline-PipelineAssetsFileAsset1-Q2w3E4r5T6y7',
    'DefaultPipeline-Prod-App-Handler886CB40B-x1Y2z3A4b5C6',
  ])('%s', (s) => {
    expect(isGeneratedIdentifier(s)).toBe(true);
    expect(looksLikeSecretValue(s)).toBe(false);
  });

  test.each([
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'Zx8Qp2Lm9Rt4Vb7Nc1Kd6Hs3Jf5Gw0Ty',
    'q7GfK2pLxV9mR4tN8wZ3cB6hJ1sD5yE0aUoI',
  ])('random tokens still are: %s', (s) => {
    expect(isGeneratedIdentifier(s)).toBe(false);
    expect(looksLikeSecretValue(s)).toBe(true);
  });
});
