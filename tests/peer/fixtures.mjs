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
