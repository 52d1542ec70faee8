import { useState } from 'react';
import styled from 'styled-components';
import { Button } from '@zendeskgarden/react-buttons';
import { Checkbox, Field, Input, Select } from '@zendeskgarden/react-forms';
import { CHANNELS, DEVICES } from '../../../src/core/records';
import { useI18n } from '../../i18n/I18nProvider';
import type { SegmentFilter } from '../api';
import { formatDay, parseDay, PRESETS, type Period, type WindowChoice } from '../transforms/window';

const StyledBar = styled.form`
  display: flex;
  flex-wrap: wrap;
  align-items: flex-end;
  gap: ${({ theme }) => theme.space.sm};
  margin-bottom: ${({ theme }) => theme.space.md};
`;

const StyledField = styled.div`
  min-width: 140px;
`;

export interface IToolbarProps {
  choice: WindowChoice;
  period: Period;
  onChoice: (c: WindowChoice) => void;
  compare: { previous: boolean; baseline: boolean };
  onCompare: (c: { previous: boolean; baseline: boolean }) => void;
  segment: SegmentFilter;
  onSegment: (s: SegmentFilter) => void;
}

const DAY = 86_400_000;

interface ISegmentSelectProps<K extends 'channel' | 'device'> {
  /** The segment field this select sets. */
  field: K;
  options: readonly NonNullable<SegmentFilter[K]>[];
  segment: SegmentFilter;
  onSegment: (segment: SegmentFilter) => void;
  label: string;
  /** The label of the empty choice, which clears the field. */
  allLabel: string;
  optionLabel: (value: NonNullable<SegmentFilter[K]>) => string;
}

/** One segment filter as a labelled select; the empty choice means "all". */
function SegmentSelect<K extends 'channel' | 'device'>({
  field,
  options,
  segment,
  onSegment,
  label,
  allLabel,
  optionLabel,
}: ISegmentSelectProps<K>) {
  return (
    <StyledField>
      <Field>
        <Field.Label>{label}</Field.Label>
        <Select
          data-testid={`${field}-select`}
          value={segment[field] ?? ''}
          onChange={(e) => onSegment({ ...segment, [field]: e.target.value || undefined })}
        >
          <option value="">{allLabel}</option>
          {options.map((o) => (
            <option key={o} value={o}>
              {optionLabel(o)}
            </option>
          ))}
        </Select>
      </Field>
    </StyledField>
  );
}

/** Window (preset or custom days), comparisons and segment filters. */
export function Toolbar({ choice, period, onChoice, compare, onCompare, segment, onSegment }: IToolbarProps) {
  const { t } = useI18n();
  const [custom, setCustom] = useState({ from: formatDay(period.from), to: formatDay(period.to - DAY) });
  const [tag, setTag] = useState(segment.account_tag ?? '');
  const customError = (() => {
    try {
      if (parseDay(custom.to) < parseDay(custom.from)) return t('nav_bar.toolbar.range_reversed');
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  })();
  return (
    <StyledBar
      aria-label={t('nav_bar.toolbar.label')}
      onSubmit={(e) => {
        e.preventDefault();
        onSegment({ ...segment, account_tag: tag.trim() || undefined });
      }}
    >
      <StyledField>
        <Field>
          <Field.Label>{t('nav_bar.toolbar.window')}</Field.Label>
          <Select
            data-testid="window-select"
            value={choice.kind === 'preset' ? choice.preset : 'custom'}
            onChange={(e) => {
              const v = e.target.value;
              if (v === 'custom') onChoice({ kind: 'custom', ...custom });
              else onChoice({ kind: 'preset', preset: v as (typeof PRESETS)[number] });
            }}
          >
            {PRESETS.map((p) => (
              <option key={p} value={p}>
                {t(`nav_bar.toolbar.preset_${p}`)}
              </option>
            ))}
            <option value="custom">{t('nav_bar.toolbar.custom')}</option>
          </Select>
        </Field>
      </StyledField>
      {choice.kind === 'custom' && (
        <>
          <StyledField>
            <Field>
              <Field.Label>{t('nav_bar.toolbar.from')}</Field.Label>
              <Input
                type="date"
                data-testid="custom-from"
                value={custom.from}
                onChange={(e) => setCustom({ ...custom, from: e.target.value })}
              />
            </Field>
          </StyledField>
          <StyledField>
            <Field>
              <Field.Label>{t('nav_bar.toolbar.to')}</Field.Label>
              <Input
                type="date"
                data-testid="custom-to"
                value={custom.to}
                validation={customError ? 'error' : undefined}
                onChange={(e) => setCustom({ ...custom, to: e.target.value })}
              />
              {customError && <Field.Message validation="error">{customError}</Field.Message>}
            </Field>
          </StyledField>
          <Button
            size="small"
            data-testid="custom-apply"
            disabled={customError !== null}
            onClick={() => onChoice({ kind: 'custom', ...custom })}
          >
            {t('nav_bar.toolbar.apply')}
          </Button>
        </>
      )}
      <SegmentSelect
        field="channel"
        options={CHANNELS}
        segment={segment}
        onSegment={onSegment}
        label={t('nav_bar.toolbar.channel')}
        allLabel={t('nav_bar.toolbar.all')}
        optionLabel={(c) => t(`nav_bar.channel.${c}`)}
      />
      <SegmentSelect
        field="device"
        options={DEVICES}
        segment={segment}
        onSegment={onSegment}
        label={t('nav_bar.toolbar.device')}
        allLabel={t('nav_bar.toolbar.all')}
        optionLabel={(d) => t(`nav_bar.device.${d}`)}
      />
      <StyledField>
        <Field>
          <Field.Label>{t('nav_bar.toolbar.account_tag')}</Field.Label>
          <Input
            data-testid="tag-input"
            value={tag}
            placeholder={t('nav_bar.toolbar.tag_placeholder')}
            onChange={(e) => setTag(e.target.value)}
            onBlur={() => onSegment({ ...segment, account_tag: tag.trim() || undefined })}
          />
        </Field>
      </StyledField>
      <Field>
        <Checkbox
          checked={compare.previous}
          onChange={(e) => onCompare({ ...compare, previous: e.target.checked })}
        >
          <Field.Label>{t('nav_bar.toolbar.compare_previous')}</Field.Label>
        </Checkbox>
      </Field>
      <Field>
        <Checkbox
          checked={compare.baseline}
          onChange={(e) => onCompare({ ...compare, baseline: e.target.checked })}
        >
          <Field.Label>{t('nav_bar.toolbar.compare_baseline')}</Field.Label>
        </Checkbox>
      </Field>
    </StyledBar>
  );
}
