/** Hook target names per invocation action, derived from the controls (what `npm run gen` writes into the schema). */
import type { Action } from '../../src/model';
import { defineControl, defineStackControl, type AnyControl, type ControlMeta } from '../../src/controls/types';
import { targetsFromControls } from '../../src/engine/targets';

let n = 0;
function meta(resourceTypes: readonly string[], actions?: readonly Action[]): ControlMeta {
  n += 1;
  return {
    id: `TEST.TARGETS.${n}`,
    slug: `test-targets-${n}`,
    title: 'a test control',
    resourceTypes,
    ...(actions ? { actions } : {}),
    severity: 'LOW',
    risks: ['CICD-SEC-1'],
    requirement: 'test',
    rationale: 'test',
    remediation: 'test',
  };
}
const resource = (types: readonly string[], actions?: readonly Action[]): AnyControl => defineControl({ ...meta(types, actions), check: () => [] });
const stack = (types: readonly string[], actions?: readonly Action[]): AnyControl => defineStackControl({ ...meta(types, actions), checkStack: () => [] });

describe('targetsFromControls', () => {
  test('no controls: no targets on any action', () => {
    expect(targetsFromControls([])).toEqual({ CREATE: [], UPDATE: [], DELETE: [] });
  });

  test('a resource control without actions targets its types on create and update, not delete', () => {
    expect(targetsFromControls([resource(['AWS::CodeBuild::Project'])])).toEqual({
      CREATE: ['AWS::CodeBuild::Project'],
      UPDATE: ['AWS::CodeBuild::Project'],
      DELETE: [],
    });
  });

  test('a resource control with explicit actions targets only those actions', () => {
    expect(targetsFromControls([resource(['AWS::S3::Bucket'], ['DELETE'])])).toEqual({ CREATE: [], UPDATE: [], DELETE: ['AWS::S3::Bucket'] });
    expect(targetsFromControls([resource(['AWS::S3::Bucket'], ['UPDATE'])])).toEqual({ CREATE: [], UPDATE: ['AWS::S3::Bucket'], DELETE: [] });
  });

  test('a stack control targets STACK and CHANGE_SET on create, STACK on update, never its resource types', () => {
    expect(targetsFromControls([stack(['AWS::IAM::Role'])])).toEqual({ CREATE: ['CHANGE_SET', 'STACK'], UPDATE: ['STACK'], DELETE: [] });
  });

  test('a stack control that also runs on delete adds no delete target (stack targets exist on create and update only)', () => {
    expect(targetsFromControls([stack(['AWS::IAM::Role'], ['CREATE', 'UPDATE', 'DELETE'])])).toEqual({ CREATE: ['CHANGE_SET', 'STACK'], UPDATE: ['STACK'], DELETE: [] });
    expect(targetsFromControls([stack(['AWS::IAM::Role'], ['DELETE'])])).toEqual({ CREATE: [], UPDATE: [], DELETE: [] });
  });

  test('a stack control on update only targets STACK on update only', () => {
    expect(targetsFromControls([stack([], ['UPDATE'])])).toEqual({ CREATE: [], UPDATE: ['STACK'], DELETE: [] });
  });

  test('targets are merged across controls without duplicates and sorted on every action', () => {
    const t = targetsFromControls([
      resource(['AWS::S3::Bucket', 'AWS::CodeBuild::Project'], ['CREATE', 'UPDATE', 'DELETE']),
      resource(['AWS::IAM::Role', 'AWS::S3::Bucket'], ['UPDATE', 'DELETE', 'CREATE']),
      stack(['AWS::Lambda::Function']),
      resource(['AWS::CodeBuild::Project', 'AWS::Events::Rule'], ['DELETE']),
    ]);
    expect(t).toEqual({
      CREATE: ['AWS::CodeBuild::Project', 'AWS::IAM::Role', 'AWS::S3::Bucket', 'CHANGE_SET', 'STACK'],
      UPDATE: ['AWS::CodeBuild::Project', 'AWS::IAM::Role', 'AWS::S3::Bucket', 'STACK'],
      DELETE: ['AWS::CodeBuild::Project', 'AWS::Events::Rule', 'AWS::IAM::Role', 'AWS::S3::Bucket'],
    });
  });
});
