/** Template reading for `pipeline-guard check`: YAML short-form tags, JSON, resource lines. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isTemplate, jsonResourceLines, parseTemplateText } from '../../src/template/parse';

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

  it('reports invalid YAML with a line number', () => {
    expect(() => parseTemplateText('Resources:\n  R:\n    Type: [unclosed\n', 'bad.yaml')).toThrow(/not valid YAML \(line \d+/);
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
