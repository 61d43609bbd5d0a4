// The demo clinic the test peer serves with `--fixtures demo`: three peer specialists with a
// week of 30-minute slots, six directory entries and two people waiting as walk-ins. Times are
// relative to the moment of loading, so the data never goes stale; all instants are UTC.
//
// What a test can count on (per load):
//   Practitioner 3, PractitionerRole 3, Schedule 3 (one per role),
//   Slot 336 = 3 peers x 7 days (today + 6) x 16 slots (09:00-17:00 UTC); the 12:00 slot of
//     every peer and day is `busy` (a lunch break), so 315 are `free` and 21 `busy`,
//   Organization 1, Location 6, HealthcareService 6 (one per category below),
//   Appointment 2 walk-ins (status waitlist, WALKIN), the older one created first.

// `--fixtures large` (loadLargeFixtures) is the demo clinic and more, for measuring a pull:
//   the demo above, plus 20 more peers (Practitioner, PractitionerRole, Schedule each) whose
//     Slots of 10 or 15 minutes (07:00-19:00 UTC) bring the FREE slots with start in
//     [load time, load time + 7 days) to exactly 5,000 (demo ones included). Their slots
//     start at least 30 minutes after loading and at least an hour before the 7-day end, so the
//     count holds for 30 minutes (the demo's own slots of today drop out as their start passes).
//     The peers' other slots on that grid are `busy` (booked), so the server's status filter
//     has work to do: 8,000-9,000 Slots in all, depending on the time of day.
//   HealthcareService 500 in all (the demo's 6 and 494 more, each with a phone and a category
//     text, none of them in the crisis category), Location 6 + 10.
// The counts come back from the loader as `freeSlotsInWeek` etc. and go to the peer's log.

import { parseSearchRequest } from '@medplum/core';

// Identifier systems of the demo data, so tests can find a resource without knowing its id.
export const DEMO_SYSTEM = 'urn:kiosk-demo';
export const WALKIN_CODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v2-0276';
export const UUID_SYSTEM = 'urn:ietf:rfc:3986';

const PEERS = [
  {
    key: 'sam',
    given: 'Sam',
    family: 'Rivera',
    languages: ['en', 'es'],
    about: 'Sam has lived with depression for twenty years and likes to talk about small, doable steps.',
  },
  {
    key: 'alex',
    given: 'Alex',
    family: 'Chen',
    languages: ['en'],
    about: 'Alex found recovery through a hearing-voices group and now helps others find theirs.',
  },
  {
    key: 'jordan',
    given: 'Jordan',
    family: 'Okafor',
    languages: ['en', 'es'],
    about: 'Jordan is a parent and a peer specialist who knows the way through benefits paperwork.',
  },
];

const LANGUAGE_NAMES = { en: 'English', es: 'Español' };

// One directory entry per category of the kiosk's "Find help" section. Phone numbers are from
// the 555-0100..0199 range reserved for fiction, except the real US 988 crisis line: a demo
// that someone in crisis might read must not show a made-up crisis number.
const SERVICES = [
  {
    key: 'crisis',
    category: 'crisis',
    name: '988 Suicide & Crisis Lifeline',
    comment: 'Call or text 988, any time, day or night. Free and confidential.',
    phone: '988',
    place: 'By phone, nationwide',
    hours: { allDay: true, days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] },
  },
  {
    key: 'calm',
    category: 'calm',
    name: 'Quiet room',
    comment: 'A calm room next to the waiting area. Ask at the front desk.',
    phone: '555-0101',
    place: 'Room 104, ground floor',
    hours: { open: '08:00:00', close: '18:00:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
  },
  {
    key: 'coping',
    category: 'coping',
    name: 'Coping skills class',
    comment: 'A friendly weekly class on managing stress and hard days. No sign-up needed.',
    phone: '555-0102',
    place: 'Room 210, second floor',
    hours: { open: '14:00:00', close: '15:30:00', days: ['wed'] },
  },
  {
    key: 'group',
    category: 'support group',
    name: 'Tuesday peer support group',
    comment: 'People with lived experience meet to share what helps. Coffee provided.',
    phone: '555-0103',
    place: 'Community room',
    hours: { open: '17:30:00', close: '19:00:00', days: ['tue'] },
  },
  {
    key: 'phones',
    category: 'phones',
    name: 'Free phone and data plan help',
    comment: 'Find out if you can get a free phone or data plan. Bring a photo ID.',
    phone: '555-0104',
    place: 'Benefits desk, ground floor',
    hours: { open: '09:00:00', close: '16:00:00', days: ['mon', 'thu'] },
  },
  {
    key: 'needs',
    category: 'everyday needs',
    name: 'Food pantry and clothing closet',
    comment: 'Groceries and warm clothes, no questions asked.',
    phone: '555-0105',
    place: '12 Main Street, next door',
    hours: { open: '10:00:00', close: '14:00:00', days: ['mon', 'wed', 'fri'] },
  },
];

const SLOT_MINUTES = 30;
const FIRST_HOUR_UTC = 9;
const LAST_HOUR_UTC = 17;
const LUNCH_HOUR_UTC = 12;
const DAYS = 7;

function narrative(text) {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${escaped}</div>` };
}

function ref(resource) {
  return { reference: `${resource.resourceType}/${resource.id}` };
}

function startOfUtcDay(date) {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** Loads the demo clinic into `repo` (a Medplum FhirRepository); returns counts by type. */
export async function loadDemoFixtures(repo, now = new Date()) {
  const counts = {};
  const create = async (resource) => {
    counts[resource.resourceType] = (counts[resource.resourceType] ?? 0) + 1;
    return repo.createResource(resource);
  };
  const today = startOfUtcDay(now);
  const horizonEnd = new Date(today.getTime() + DAYS * 86400000);

  const clinic = await create({
    resourceType: 'Organization',
    identifier: [{ system: DEMO_SYSTEM, value: 'clinic' }],
    active: true,
    name: 'Riverside Community Clinic (demo)',
    telecom: [{ system: 'phone', value: '555-0100', use: 'work' }],
  });

  const roles = [];
  for (const peer of PEERS) {
    const practitioner = await create({
      resourceType: 'Practitioner',
      identifier: [{ system: DEMO_SYSTEM, value: `practitioner-${peer.key}` }],
      active: true,
      text: narrative(peer.about),
      name: [{ use: 'usual', given: [peer.given], family: peer.family, text: `${peer.given} ${peer.family}` }],
      communication: peer.languages.map((code) => ({
        coding: [{ system: 'urn:ietf:bcp:47', code }],
        text: LANGUAGE_NAMES[code],
      })),
    });
    const role = await create({
      resourceType: 'PractitionerRole',
      identifier: [{ system: DEMO_SYSTEM, value: `role-${peer.key}` }],
      active: true,
      practitioner: { ...ref(practitioner), display: `${peer.given} ${peer.family}` },
      organization: ref(clinic),
      code: [{ text: 'peer support' }],
      telecom: [{ system: 'phone', value: '555-0100', use: 'work' }],
      availableTime: [
        {
          daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri'],
          availableStartTime: `${String(FIRST_HOUR_UTC).padStart(2, '0')}:00:00`,
          availableEndTime: `${String(LAST_HOUR_UTC).padStart(2, '0')}:00:00`,
        },
      ],
    });
    roles.push(role);
  }

  for (const role of roles) {
    const schedule = await create({
      resourceType: 'Schedule',
      identifier: [{ system: DEMO_SYSTEM, value: `schedule-${role.identifier[0].value.slice(5)}` }],
      active: true,
      serviceType: [{ text: 'peer support' }],
      actor: [{ ...ref(role), display: role.practitioner.display }],
      planningHorizon: { start: today.toISOString(), end: horizonEnd.toISOString() },
    });
    for (let day = 0; day < DAYS; day++) {
      for (let hour = FIRST_HOUR_UTC; hour < LAST_HOUR_UTC; hour++) {
        for (let minute = 0; minute < 60; minute += SLOT_MINUTES) {
          const start = new Date(today.getTime() + day * 86400000 + (hour * 60 + minute) * 60000);
          const end = new Date(start.getTime() + SLOT_MINUTES * 60000);
          await create({
            resourceType: 'Slot',
            schedule: ref(schedule),
            serviceType: [{ text: 'peer support' }],
            status: hour === LUNCH_HOUR_UTC && minute === 0 ? 'busy' : 'free',
            start: start.toISOString(),
            end: end.toISOString(),
          });
        }
      }
    }
  }

  for (const service of SERVICES) {
    const location = await create({
      resourceType: 'Location',
      identifier: [{ system: DEMO_SYSTEM, value: `location-${service.key}` }],
      status: 'active',
      name: service.place,
      managingOrganization: ref(clinic),
      telecom: [{ system: 'phone', value: service.phone, use: 'work' }],
    });
    const hours = service.hours.allDay
      ? { daysOfWeek: service.hours.days, allDay: true }
      : {
          daysOfWeek: service.hours.days,
          availableStartTime: service.hours.open,
          availableEndTime: service.hours.close,
        };
    await create({
      resourceType: 'HealthcareService',
      identifier: [{ system: DEMO_SYSTEM, value: `service-${service.key}` }],
      active: true,
      providedBy: ref(clinic),
      category: [{ coding: [{ system: `${DEMO_SYSTEM}:category`, code: service.key }], text: service.category }],
      name: service.name,
      comment: service.comment,
      location: [ref(location)],
      telecom: [{ system: 'phone', value: service.phone, use: 'work' }],
      availableTime: [hours],
    });
  }

  // Walk-ins: the queue is ordered by creation time, so the one who came first is created first.
  const walkIns = [
    { minutesAgo: 20, uuid: '6f1c1a52-8d0e-4c55-9a57-3f4e8f0c1a01', display: 'Visitor A' },
    { minutesAgo: 5, uuid: '6f1c1a52-8d0e-4c55-9a57-3f4e8f0c1a02', display: 'Visitor B' },
  ];
  for (const walkIn of walkIns) {
    await create({
      resourceType: 'Appointment',
      identifier: [{ system: UUID_SYSTEM, value: `urn:uuid:${walkIn.uuid}` }],
      status: 'waitlist',
      appointmentType: {
        coding: [{ system: WALKIN_CODE_SYSTEM, code: 'WALKIN', display: 'A previously unscheduled walk-in visit' }],
      },
      serviceType: [{ text: 'peer support' }],
      created: new Date(now.getTime() - walkIn.minutesAgo * 60000).toISOString(),
      participant: [{ actor: { display: walkIn.display }, status: 'needs-action' }],
    });
    // Distinct meta.lastUpdated even on a fast machine, so sorting by it keeps arrival order.
    await new Promise((resolve) => setTimeout(resolve, 2));
  }

  return counts;
}

// ---- --fixtures large ------------------------------------------------------------------------

export const LARGE_FREE_SLOTS = 5000;
export const LARGE_SERVICES = 500;
const LARGE_PEERS = 20;
const LARGE_FIRST_HOUR_UTC = 7;
const LARGE_LAST_HOUR_UTC = 19;
const LARGE_LEAD_MINUTES = 30; // no generated slot starts sooner than this after loading
const LARGE_TAIL_MINUTES = 60; // nor later than this before the end of the 7-day window

const GIVEN_NAMES = ['Maya', 'Luis', 'Priya', 'Dev', 'Rosa', 'Tom', 'Aisha', 'Ben', 'Carmen', 'Eli'];
const FAMILY_NAMES = ['Nguyen', 'Garcia', 'Smith', 'Haddad', 'Kowalski', 'Mensah', 'Ortiz', 'Brown', 'Ivanova', 'Park'];
// The "Find help" categories a generated entry may take: never crisis (see SERVICES above).
const LARGE_CATEGORIES = [
  { key: 'calm', text: 'calm', noun: 'Quiet space' },
  { key: 'coping', text: 'coping', noun: 'Coping skills class' },
  { key: 'group', text: 'support group', noun: 'Peer support group' },
  { key: 'phones', text: 'phones', noun: 'Phone and data help' },
  { key: 'needs', text: 'everyday needs', noun: 'Food and clothing' },
];
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * Loads the demo clinic and then the large additions (see the header) into `repo`; returns
 * counts by type plus `freeSlotsInWeek`, `busySlots` and `loadMs`.
 */
export async function loadLargeFixtures(repo, now = new Date()) {
  const started = performance.now();
  const counts = await loadDemoFixtures(repo, now);
  const create = async (resource) => {
    counts[resource.resourceType] = (counts[resource.resourceType] ?? 0) + 1;
    return repo.createResource(resource);
  };
  const windowEnd = new Date(now.getTime() + DAYS * 86400000);
  const demoFree = await countFreeSlots(repo, now, windowEnd);
  const needed = LARGE_FREE_SLOTS - demoFree;

  const clinic = (await repo.searchOne(parseSearchRequest(`Organization?identifier=${DEMO_SYSTEM}|clinic`))) ?? undefined;
  if (!clinic) {
    throw new Error('large fixtures: the demo clinic Organization is missing');
  }

  // Candidate starts: on each peer's grid, within working hours and inside the window's margins.
  const earliest = now.getTime() + LARGE_LEAD_MINUTES * 60000;
  const latest = windowEnd.getTime() - LARGE_TAIL_MINUTES * 60000;
  const today = startOfUtcDay(now).getTime();
  let busySlots = 0;
  for (let i = 0; i < LARGE_PEERS; i++) {
    const given = GIVEN_NAMES[i % GIVEN_NAMES.length];
    const family = FAMILY_NAMES[(i * 3 + 1) % FAMILY_NAMES.length];
    const key = `large-${String(i + 1).padStart(2, '0')}`;
    const languages = i % 3 === 0 ? ['en', 'es'] : ['en'];
    const minutes = i % 2 === 0 ? 15 : 10;
    const practitioner = await create({
      resourceType: 'Practitioner',
      identifier: [{ system: DEMO_SYSTEM, value: `practitioner-${key}` }],
      active: true,
      text: narrative(`${given} is a peer specialist on the large test roster (number ${i + 1}).`),
      name: [{ use: 'usual', given: [given], family, text: `${given} ${family}` }],
      communication: languages.map((code) => ({
        coding: [{ system: 'urn:ietf:bcp:47', code }],
        text: LANGUAGE_NAMES[code],
      })),
    });
    const role = await create({
      resourceType: 'PractitionerRole',
      identifier: [{ system: DEMO_SYSTEM, value: `role-${key}` }],
      active: true,
      practitioner: { ...ref(practitioner), display: `${given} ${family}` },
      organization: ref(clinic),
      code: [{ text: 'peer support' }],
      telecom: [{ system: 'phone', value: '555-0100', use: 'work' }],
      availableTime: [
        {
          daysOfWeek: WEEKDAYS,
          availableStartTime: `${String(LARGE_FIRST_HOUR_UTC).padStart(2, '0')}:00:00`,
          availableEndTime: `${String(LARGE_LAST_HOUR_UTC).padStart(2, '0')}:00:00`,
        },
      ],
    });
    const schedule = await create({
      resourceType: 'Schedule',
      identifier: [{ system: DEMO_SYSTEM, value: `schedule-${key}` }],
      active: true,
      serviceType: [{ text: 'peer support' }],
      actor: [{ ...ref(role), display: `${given} ${family}` }],
      planningHorizon: { start: new Date(today).toISOString(), end: windowEnd.toISOString() },
    });

    const starts = [];
    for (let day = 0; day <= DAYS; day++) {
      for (let minute = LARGE_FIRST_HOUR_UTC * 60; minute < LARGE_LAST_HOUR_UTC * 60; minute += minutes) {
        const start = today + day * 86400000 + minute * 60000;
        if (start >= earliest && start <= latest) {
          starts.push(start);
        }
      }
    }
    // This peer's share of the free slots, spread evenly over its candidates; the rest are busy.
    const share = Math.floor(needed / LARGE_PEERS) + (i < needed % LARGE_PEERS ? 1 : 0);
    if (share > starts.length) {
      throw new Error(`large fixtures: ${share} free slots do not fit in ${starts.length} for peer ${i + 1}`);
    }
    const free = new Set();
    for (let k = 0; k < share; k++) {
      free.add(Math.floor((k * starts.length) / share));
    }
    for (let k = 0; k < starts.length; k++) {
      const isFree = free.has(k);
      busySlots += isFree ? 0 : 1;
      await create({
        resourceType: 'Slot',
        schedule: ref(schedule),
        serviceType: [{ text: 'peer support' }],
        status: isFree ? 'free' : 'busy',
        start: new Date(starts[k]).toISOString(),
        end: new Date(starts[k] + minutes * 60000).toISOString(),
      });
    }
  }

  const locations = [];
  for (let i = 0; i < 10; i++) {
    locations.push(
      await create({
        resourceType: 'Location',
        identifier: [{ system: DEMO_SYSTEM, value: `location-large-${i + 1}` }],
        status: 'active',
        name: `Neighbourhood centre ${i + 1}`,
        managingOrganization: ref(clinic),
      })
    );
  }
  const extraServices = LARGE_SERVICES - (counts.HealthcareService ?? 0);
  for (let i = 0; i < extraServices; i++) {
    const category = LARGE_CATEGORIES[i % LARGE_CATEGORIES.length];
    const location = locations[i % locations.length];
    const phone = `555-01${String(10 + (i % 90)).padStart(2, '0')}`; // 555-0110..0199: fiction
    const days = WEEKDAYS.filter((_, d) => (d + i) % 3 !== 0);
    await create({
      resourceType: 'HealthcareService',
      identifier: [{ system: DEMO_SYSTEM, value: `service-large-${i + 1}` }],
      active: true,
      providedBy: ref(clinic),
      category: [{ coding: [{ system: `${DEMO_SYSTEM}:category`, code: category.key }], text: category.text }],
      name: `${category.noun} ${i + 1}`,
      comment: `Generated entry ${i + 1} of the large test directory, at ${location.name}.`,
      location: [ref(location)],
      telecom: [{ system: 'phone', value: phone, use: 'work' }],
      availableTime: [{ daysOfWeek: days, availableStartTime: '09:00:00', availableEndTime: '17:00:00' }],
    });
  }

  const freeSlotsInWeek = await countFreeSlots(repo, now, windowEnd);
  if (freeSlotsInWeek !== LARGE_FREE_SLOTS) {
    throw new Error(`large fixtures: ${freeSlotsInWeek} free slots in the week, not ${LARGE_FREE_SLOTS}`);
  }
  return { ...counts, freeSlotsInWeek, busySlots, loadMs: Math.round(performance.now() - started) };
}

// Free slots starting in [from, to), counted by the engine's own search (as the kiosk asks).
async function countFreeSlots(repo, from, to) {
  const bundle = await repo.search(
    parseSearchRequest(`Slot?status=free&start=ge${from.toISOString()}&start=lt${to.toISOString()}&_count=0`)
  );
  return bundle.total;
}
