import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Modal,
  Radio,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type { CustomerDetail } from '../../../../shared/api';
import { useStore } from '../../store';
import {
  blankDetail,
  detailProblems,
  emptyForm,
  formFromCustomer,
  saveInput,
  type FormState,
} from './customer-form';

/**
 * Add a customer, or edit one, by hand: the number (read with the same country rules as an
 * import), details, labels and what they said about marketing. Problems are said beside the field
 * they concern; the core's refusals (a bad number, a number already in the book) above the buttons.
 */
export function CustomerForm({
  editing,
  opened,
  onClose,
}: {
  /** The customer being edited; null: adding one. */
  editing: CustomerDetail | null;
  opened: boolean;
  onClose: () => void;
}) {
  const [form, setForm] = useState<FormState>(emptyForm);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  useEffect(() => {
    if (!opened) return;
    setForm(editing ? formFromCustomer(editing) : emptyForm());
    setError(null);
    setTried(false);
  }, [opened, editing]);

  const problems = detailProblems(form);
  const phoneProblem = form.phone.trim() === '' ? 'Type the phone number.' : null;
  const update = (i: number, part: Partial<FormState['details'][number]>) =>
    setForm({ ...form, details: form.details.map((d, j) => (j === i ? { ...d, ...part } : d)) });

  const save = async () => {
    setTried(true);
    if (phoneProblem || problems.some((p) => p !== null)) return;
    setBusy(true);
    const r = await useStore.getState().saveCustomer(saveInput(form, editing));
    setBusy(false);
    if (r.ok) onClose();
    else setError(r.error.message);
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={editing ? `Edit ${editing.phone}` : 'Add a customer'}
      size="lg"
      centered
    >
      <Stack gap="sm" data-testid="customer-form">
        <TextInput
          label="Phone number"
          description="With its country code (+44 7911 123456), or as in your files: a number without a code is read as your sending number's country."
          value={form.phone}
          disabled={editing !== null}
          onChange={(e) => {
            setForm({ ...form, phone: e.currentTarget.value });
            // The refusal was about the number typed before.
            setError(null);
          }}
          error={tried ? phoneProblem : null}
          maxLength={60}
          data-autofocus
        />
        <div>
          <Text size="sm" fw={500}>
            Details
          </Text>
          <Text size="xs" c="dimmed" mb={4}>
            Name, town, birthday… any detail your templates or segments use. Emptying a value
            removes that detail.
          </Text>
          <Stack gap={6}>
            {form.details.map((d, i) => (
              <Group key={d.key} gap="xs" align="flex-start" wrap="nowrap">
                <TextInput
                  aria-label={`Detail ${i + 1} name`}
                  placeholder="Name of the detail, e.g. First Name"
                  value={d.name}
                  disabled={d.known}
                  onChange={(e) => update(i, { name: e.currentTarget.value })}
                  error={tried ? problems[i] : null}
                  maxLength={200}
                  w={220}
                />
                <TextInput
                  aria-label={`Detail ${i + 1} value`}
                  placeholder="Value"
                  value={d.value}
                  onChange={(e) => update(i, { value: e.currentTarget.value })}
                  maxLength={2000}
                  style={{ flex: 1 }}
                />
                {!d.known && (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    mt={4}
                    aria-label={`Remove detail ${i + 1}`}
                    onClick={() =>
                      setForm({ ...form, details: form.details.filter((_, j) => j !== i) })
                    }
                  >
                    ×
                  </ActionIcon>
                )}
              </Group>
            ))}
          </Stack>
          <Button
            variant="subtle"
            size="xs"
            mt={4}
            onClick={() =>
              setForm({
                ...form,
                details: [...form.details, blankDetail()],
              })
            }
          >
            Add a detail
          </Button>
        </div>
        <TagsInput
          label="Labels"
          description="Press Enter after each. The same labels as on the Replies page."
          value={form.labels}
          onChange={(labels) => setForm({ ...form, labels })}
          maxTags={50}
          splitChars={[',']}
        />
        <Radio.Group
          label="Marketing"
          description="What the customer told you. A “no” keeps them out of marketing campaigns; order and booking messages still reach them."
          value={form.marketing}
          onChange={(v) => setForm({ ...form, marketing: v })}
        >
          <Stack gap={4} mt={6}>
            <Radio value="keep" label={editing ? 'Leave as it is' : 'Not asked'} />
            <Radio value="accepted" label="Said yes to marketing messages" />
            <Radio value="declined" label="Said no to marketing messages" />
          </Stack>
        </Radio.Group>
        {error && (
          <Alert color="red" data-testid="customer-form-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={busy} onClick={() => void save()}>
            {editing ? 'Save changes' : 'Add customer'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
