/** Template reading for `pipeline-guard check`: YAML short-form tags, JSON, resource lines. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isTemplate, jsonResourceLines, MAX_TEMPLATE_DEPTH, parseTemplateText, TemplateError } from '../../src/template/parse';

const FIXTURES = join(__dirname, '..', 'fixtures', 'templates');

describe('YAML short-form intrinsic tags', () => {
  const yaml = `
Resources:
  R:
    Type: AWS::CodeBuild::Project
    Properties:
      A: !Ref Param
      B: !Sub "arn:\${AWS::Partition}:s3:::\${Bucket}"
      C: !Sub ["\${X}-suffix", { X: !Ref Other }]
      D: !GetAtt Bucket.Arn
      E: !GetAtt Db.Endpoint.Address
      F: !GetAtt [Role, Arn]
      G: !If [IsProd, yes-value, !Ref AWS::NoValue]
      H: !Join [",", [a, !Ref P]]
      I: !Select [1, !Split [",", "a,b,c"]]
      J: !FindInMap [Map, !Ref AWS::Region, Key]
      K: !ImportValue shared-export
      L: !GetAZs ""
      M: !Base64 { "Fn::Sub": "x" }
      N: !Cidr [10.0.0.0/16, 4, 8]
      O: !Not [!Equals [!Ref Env, prod]]
      P: !And [!Condition A, !Or [!Condition B, !Condition C]]
      Q: 1.10
      S: true
`;
  const doc = parseTemplateText(yaml, 't.yaml');
  const p = (doc.value as { Resources: { R: { Properties: Record<string, unknown> } } }).Resources.R.Properties;

  it('expands every tag to its long form', () => {
    expect(p.A).toEqual({ Ref: 'Param' });
    expect(p.B).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}' });
    expect(p.C).toEqual({ 'Fn::Sub': ['${X}-suffix', { X: { Ref: 'Other' } }] });
    expect(p.F).toEqual({ 'Fn::GetAtt': ['Role', 'Arn'] });
    expect(p.G).toEqual({ 'Fn::If': ['IsProd', 'yes-value', { Ref: 'AWS::NoValue' }] });
    expect(p.H).toEqual({ 'Fn::Join': [',', ['a', { Ref: 'P' }]] });
    expect(p.I).toEqual({ 'Fn::Select': ['1', { 'Fn::Split': [',', 'a,b,c'] }] });
    expect(p.J).toEqual({ 'Fn::FindInMap': ['Map', { Ref: 'AWS::Region' }, 'Key'] });
    expect(p.K).toEqual({ 'Fn::ImportValue': 'shared-export' });
    expect(p.L).toEqual({ 'Fn::GetAZs': '' });
    expect(p.M).toEqual({ 'Fn::Base64': { 'Fn::Sub': 'x' } });
    expect(p.N).toEqual({ 'Fn::Cidr': ['10.0.0.0/16', '4', '8'] });
    expect(p.O).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }] });
    expect(p.P).toEqual({ 'Fn::And': [{ Condition: 'A' }, { 'Fn::Or': [{ Condition: 'B' }, { Condition: 'C' }] }] });
  });

  it('splits the short form of !GetAtt at the first dot', () => {
    expect(p.D).toEqual({ 'Fn::GetAtt': ['Bucket', 'Arn'] });
    expect(p.E).toEqual({ 'Fn::GetAtt': ['Db', 'Endpoint.Address'] });
  });

  it('keeps the source text of numbers (the hook receives strings) and booleans as booleans', () => {
    expect(p.Q).toBe('1.10');
    expect(p.S).toBe(true);
  });

  it('resolves YAML aliases', () => {
    const d = parseTemplateText('Base: &b { X: 1 }\nResources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties: *b\n');
    expect((d.value as { Resources: { R: { Properties: unknown } } }).Resources.R.Properties).toEqual({ X: '1' });
  });

  it('reports invalid YAML with file:line', () => {
    expect(() => parseTemplateText('Resources:\n  R:\n    Type: [unclosed\n', 'bad.yaml')).toThrow(/^bad\.yaml:\d+: not valid YAML \(/);
  });

  it('rejects a .json file that is not JSON, naming the parse error', () => {
    expect(() => parseTemplateText('{ "Resources": ', 'x.json')).toThrow(/not valid JSON/);
  });
});

describe('resource lines', () => {
  it('YAML: the line of each logical ID under Resources', () => {
    const text = readFileSync(join(FIXTURES, 'build-project.yaml'), 'utf8');
    const doc = parseTemplateText(text, 'build-project.yaml');
    const expected = text.split('\n').findIndex((l) => l === '  PrivilegedBuild:') + 1;
    expect(expected).toBeGreaterThan(1);
    expect(doc.lineOf('PrivilegedBuild')).toBe(expected);
    expect(doc.lineOf('Nope')).toBeUndefined();
  });

  it('JSON: the line of the "LogicalId": key directly under Resources, not a same-named key elsewhere', () => {
    const text = [
      '{',
      '  "Outputs": { "Build": { "Value": "x" } },',
      '  "Mappings": { "M": { "Build": { "v": "{\\"Build\\": [1]" } } },',
      '  "Resources": {',
      '    "Other": { "Type": "AWS::S3::Bucket", "Properties": { "Build": {} } },',
      '    "Build"  :',
      '      { "Type": "AWS::CodeBuild::Project" }',
      '  }',
      '}',
    ].join('\n');
    const lines = jsonResourceLines(text);
    expect(lines.get('Other')).toBe(5);
    expect(lines.get('Build')).toBe(6);
    expect(parseTemplateText(text, 'x.json').lineOf('Build')).toBe(6);
  });

  it('JSON fixture: line matches the text', () => {
    const text = readFileSync(join(FIXTURES, 'build-project.template.json'), 'utf8');
    const expected = text.split('\n').findIndex((l) => l.startsWith('    "PrivilegedBuild":')) + 1;
    expect(expected).toBeGreaterThan(1);
    expect(parseTemplateText(text, 'build-project.template.json').lineOf('PrivilegedBuild')).toBe(expected);
  });
});

describe('isTemplate', () => {
  it('needs a Resources map whose entries have a Type, one of them AWS::', () => {
    expect(isTemplate({ Resources: { A: { Type: 'AWS::S3::Bucket' } } })).toBe(true);
    expect(isTemplate({ Resources: {} })).toBe(false);
    expect(isTemplate({ Resources: { A: { Properties: {} } } })).toBe(false);
    expect(isTemplate({ Resources: { A: { Type: 'Custom::X' } } })).toBe(false);
    expect(isTemplate({ name: 'package', version: '1.0.0' })).toBe(false);
    expect(isTemplate([])).toBe(false);
  });
});

/** The error a text raises (fails the test when it parses). */
function parseError(text: string, file: string): TemplateError {
  try {
    parseTemplateText(text, file);
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  throw new Error(`${file} parsed without an error`);
}

describe('strict input (cfn-lint E0000): duplicate keys, unknown tags, nesting', () => {
  it('JSON: a resource redefined under the same logical ID is an error naming file:line and the first line', () => {
    const text = [
      '{',
      '  "Resources": {',
      '    "Build": { "Type": "AWS::CodeBuild::Project", "Properties": { "Environment": { "PrivilegedMode": true } } },',
      '    "Build": { "Type": "AWS::SQS::Queue" }',
      '  }',
      '}',
    ].join('\n');
    const e = parseError(text, 'dup.json');
    expect(e.line).toBe(4);
    expect(e.message).toBe('dup.json:4: duplicate key "Build" (first at line 3); the document is ambiguous');
  });

  it('JSON: a duplicate property deep inside a resource, also when spelled with escapes', () => {
    const text = '{"Resources": {"B": {"Type": "AWS::S3::Bucket",\n "Properties": {"VersioningConfiguration": {"Status": "Suspended",\n "St\\u0061tus": "Enabled"}}}}}';
    const e = parseError(text, 't.template.json');
    expect(e.line).toBe(3);
    expect(e.reason).toMatch(/^duplicate key "Status"/);
  });

  it('JSON: the same key in sibling objects and in strings is not a duplicate', () => {
    const text = '{"Resources": {"A": {"Type": "AWS::S3::Bucket", "Properties": {"Tags": [{"Key": "a", "Value": "\\"Key\\": 1"}, {"Key": "b", "Value": "x"}]}},\n "B": {"Type": "AWS::S3::Bucket"}}}';
    expect(() => parseTemplateText(text, 'ok.json')).not.toThrow();
  });

  it('YAML: a duplicate key is an error naming file:line and the key', () => {
    const yaml = 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: a\n      BucketName: b\n';
    const e = parseError(yaml, 'dup.yaml');
    expect(e.line).toBe(6);
    expect(e.message).toMatch(/^dup\.yaml:6: duplicate key "BucketName"/);
  });

  it('YAML: keys that differ in YAML but not in the template (1 and "1") are duplicates', () => {
    const e = parseError('Mappings:\n  M:\n    1: a\n    "1": b\nResources: {}\n', 'm.yaml');
    expect(e.reason).toMatch(/duplicate key "1"/);
    expect(e.line).toBe(4);
  });

  it('YAML: an unknown tag is an error, so !Secret {Status: Enabled} does not read as versioning enabled', () => {
    const yaml = 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      VersioningConfiguration: !Secret {Status: Enabled}\n';
    const e = parseError(yaml, 'tag.yaml');
    expect(e.line).toBe(5);
    expect(e.reason).toMatch(/^unknown tag !Secret/);
    expect(e.reason).toContain('!GetAtt');
  });

  it('YAML: every CloudFormation short form is known, as a scalar, a sequence and a mapping', () => {
    for (const tag of ['!Ref', '!Sub', '!GetAtt', '!If', '!Join', '!Select', '!Split', '!FindInMap', '!Base64', '!Cidr', '!ImportValue', '!GetAZs', '!Equals', '!And', '!Or', '!Not', '!Condition', '!Transform', '!Length', '!ToJsonString']) {
      for (const body of ['x', '[a, b]', '{a: b}']) {
        expect(() => parseTemplateText(`Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      P: ${tag} ${body}\n`, 'ok.yaml')).not.toThrow();
      }
    }
  });

  it('nesting beyond the bound is a clear error, not a stack overflow (JSON, YAML block and flow)', () => {
    const deepJson = `{"Resources": {"R": {"Type": "AWS::S3::Bucket", "Properties": {"P": ${'['.repeat(5000)}${']'.repeat(5000)}}}}}`;
    expect(parseError(deepJson, 'deep.json').message).toBe(`deep.json:1: nested deeper than ${MAX_TEMPLATE_DEPTH} levels`);
    const flow = `Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      P: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    expect(parseError(flow, 'flow.yaml').message).toMatch(/^flow\.yaml:\d+: nested (deeper than|too deeply)/);
    const block = `Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      P:\n${Array.from({ length: 300 }, (_, i) => `${' '.repeat(8 + 2 * i)}k${i}:`).join('\n')} x\n`;
    expect(parseError(block, 'block.yaml').message).toMatch(/^block\.yaml:\d+: nested deeper than/);
    expect(parseError(block, 'block.yaml').message).not.toMatch(/call stack/i);
  });

  it('nesting up to the bound is read', () => {
    // `levels` objects in all: the root, Resources, R and Properties, then nested objects under Properties
    const json = (levels: number) => `{"Resources": {"R": {"Type": "AWS::S3::Bucket", "Properties": ${'{"a":'.repeat(levels - 4)}{}${'}'.repeat(levels - 4)}}}}`;
    const yaml = (levels: number) => `Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n${Array.from({ length: levels - 4 }, (_, i) => `${' '.repeat(6 + 2 * i)}a:`).join('\n')} {}\n`;
    expect(() => parseTemplateText(json(MAX_TEMPLATE_DEPTH), 'ok.json')).not.toThrow();
    expect(() => parseTemplateText(json(MAX_TEMPLATE_DEPTH + 1), 'deep.json')).toThrow(/nested deeper/);
    expect(() => parseTemplateText(yaml(MAX_TEMPLATE_DEPTH), 'ok.yaml')).not.toThrow();
    expect(() => parseTemplateText(yaml(MAX_TEMPLATE_DEPTH + 1), 'deep.yaml')).toThrow(/nested deeper/);
  });

  it('an alias expansion bomb is refused', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    lines.push('Resources: {}');
    expect(parseError(lines.join('\n'), 'bomb.yaml').reason).toMatch(/alias expansions/);
  });
});
