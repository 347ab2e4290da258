import { imageMatchesAny, parseImageRef } from '../../src/predicates/image';

const DEFAULTS = ['aws/codebuild/*', '123456789012.dkr.ecr.*.amazonaws.com/*'];

describe('parseImageRef', () => {
  test('CodeBuild curated image has no registry host', () => expect(parseImageRef('aws/codebuild/standard:7.0')).toEqual({ rest: 'aws/codebuild/standard:7.0' }));
  test('ECR image', () => expect(parseImageRef('123456789012.dkr.ecr.eu-west-1.amazonaws.com/build/node:20')).toEqual({ host: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', rest: 'build/node:20' }));
  test('localhost and ports', () => expect(parseImageRef('localhost:5000/x').host).toBe('localhost:5000'));
});

describe('imageMatchesAny with the default allow-list', () => {
  test.each([
    'aws/codebuild/standard:7.0',
    'aws/codebuild/amazonlinux2-x86_64-standard:5.0',
    '123456789012.dkr.ecr.eu-west-1.amazonaws.com/build/node:20',
    '123456789012.dkr.ecr.eu-west-1.amazonaws.com/build/node@sha256:0123abcd',
  ])('%s is allowed', (i) => expect(imageMatchesAny(DEFAULTS, i)).toBe(true));

  test.each([
    'node:20',
    'docker.io/aws/codebuild/standard:7.0',
    'public.ecr.aws/codebuild/amazonlinux2-x86_64-standard:5.0',
    '999999999999.dkr.ecr.eu-west-1.amazonaws.com/build/node:20',
    '123456789012.dkr.ecr.eu-west-1.amazonaws.com.evil.example/build/node:20',
    'evil.example/123456789012.dkr.ecr.eu-west-1.amazonaws.com/x',
    '{{resolve:ssm:/build/image}}',
    '',
  ])('%s is not allowed', (i) => expect(imageMatchesAny(DEFAULTS, i)).toBe(false));

  test('a bare * allows everything', () => expect(imageMatchesAny(['*'], 'node:20')).toBe(true));
  test('host globs are case-insensitive', () => expect(imageMatchesAny(DEFAULTS, '123456789012.DKR.ECR.eu-west-1.amazonaws.com/x:1')).toBe(true));
});

describe('image references: edges found by mutation testing', () => {
  test('parseImageRef trims, and names a host only for a first component with ".", ":" or localhost (any case)', () => {
    expect(parseImageRef('  registry.example/x:1  ')).toEqual({ host: 'registry.example', rest: 'x:1' });
    expect(parseImageRef('LocalHost/x')).toEqual({ host: 'localhost', rest: 'x' });
    expect(parseImageRef('Registry.Example:5000/X')).toEqual({ host: 'registry.example:5000', rest: 'X' });
    expect(parseImageRef('library/node:20')).toEqual({ rest: 'library/node:20' });
    expect(parseImageRef('/x.y/z')).toEqual({ rest: '/x.y/z' });
    expect(parseImageRef('node:20')).toEqual({ rest: 'node:20' });
  });

  test.each([
    // [pattern, image, allowed]
    ['  aws/codebuild/*  ', ' aws/codebuild/standard:7.0 ', true],
    ['', 'x', false],
    ['   ', 'x', false],
    ['*/x', 'evil.example/x', true], // a wildcard-only first component: the whole reference is matched
    ['?/x', 'a/x', true],
    ['*.example/x', 'evil.example/x', true],
    ['*.example/x', 'library/x', false], // a host pattern never matches a reference without a host
    ['library/x', 'evil.example/x', false], // and a host-less pattern never matches one with a host
    ['Registry.Example/x', 'registry.example/x', true], // hosts compare case-insensitively
    ['registry.example/X', 'registry.example/x', false], // paths do not
    ['/x', '/x', true],
    ['node:*', 'node:20', true],
  ])('pattern %j, image %j → %j', (pattern, image, out) => {
    expect(imageMatchesAny([pattern], image)).toBe(out);
  });
});
