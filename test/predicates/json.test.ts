/** Strict JSON: duplicate keys and excessive nesting are errors (with a line), for templates and policy strings. */
import { jsonStructureProblem, MAX_JSON_DEPTH, parseStrictJson, StrictJsonError } from '../../src/predicates/json';
import { parsePolicy } from '../../src/predicates/policy';
import { buildRequest, invokeHook } from '../helpers/requests';

describe('parseStrictJson', () => {
  it('parses what JSON.parse parses when keys are unique', () => {
    const text = '{"a": [1, {"a": 2}], "b": {"a": "\\"a\\": 3"}, "c": {"a": 4}}';
    expect(parseStrictJson(text)).toEqual(JSON.parse(text));
    expect(parseStrictJson('"x"')).toBe('x');
  });

  it('rejects a duplicate key, naming it and both lines', () => {
    expect(() => parseStrictJson('{\n "Effect": "Allow",\n "Effect": "Deny"\n}')).toThrow(new StrictJsonError('duplicate key "Effect" (first at line 2); the document is ambiguous', 3));
  });

  it('compares keys after unescaping', () => {
    expect(jsonStructureProblem('{"Effect": 1, "Eff\\u0065ct": 2}')?.reason).toMatch(/duplicate key "Effect"/);
    expect(jsonStructureProblem('{"a\\\\": 1, "a": 2}')).toBeUndefined();
  });

  it('bounds nesting', () => {
    expect(() => parseStrictJson(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`)).not.toThrow();
    expect(() => parseStrictJson(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`)).toThrow(/nested deeper than/);
  });

  it('reports text that is not JSON as such', () => {
    expect(() => parseStrictJson('{"a": ')).toThrow(/^not valid JSON/);
  });
});

describe('policy documents given as JSON strings', () => {
  const ambiguous = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Effect": "Deny"}]}';

  it('a duplicate key makes the document an error, not the last value', () => {
    expect(parsePolicy(ambiguous).error).toBeDefined();
    expect(parsePolicy(ambiguous.replace(', "Effect": "Deny"', '')).error).toBeUndefined();
  });

  it('the hook fails closed on an inline role policy string whose duplicate Effect would hide an admin Allow', async () => {
    const role = (doc: string) => ({
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      Policies: [{ PolicyName: 'p', PolicyDocument: doc }],
    });
    const { response } = await invokeHook(buildRequest({ type: 'AWS::IAM::Role', properties: role(ambiguous) }));
    expect(response.hookStatus).toBe('FAILED');
    const admin = response.annotations?.find((a) => a.annotationName === 'CICD.IAM.1');
    expect(admin?.status).toBe('FAILED');
    expect(admin?.statusMessage).toMatch(/Policies\[0\]\.PolicyDocument/);
    // the same document with a Deny only is not reported by IAM.1
    const denyOnly = ambiguous.replace('"Effect": "Allow", ', '');
    const ok = await invokeHook(buildRequest({ type: 'AWS::IAM::Role', properties: role(denyOnly) }));
    expect(ok.response.annotations?.find((a) => a.annotationName === 'CICD.IAM.1')?.status).toBe('PASSED');
  });
});
