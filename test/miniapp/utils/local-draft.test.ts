import Taro from '@tarojs/taro';
import { z } from 'zod';
import { localDraft } from '../../../miniapp/src/utils/local-draft';
import { clearDraft as clearAddress, readDraft as readAddress, saveDraft as saveAddress, type AddressDraft } from '../../../miniapp/src/packages/points/address-edit/draft';
import { clearDraft as clearTicket, emptyDraft, readDraft as readTicket, saveDraft as saveTicket } from '../../../miniapp/src/packages/ticket/report/draft';
import type { Me } from '../../../shared/schemas/me.schema';

const Schema = z.object({ v: z.literal(1), userId: z.string(), text: z.string() });

beforeEach(() => Taro.clearStorageSync());

describe('local form drafts', () => {
  it('reads back what was saved, only while it fits the schema and is accepted', () => {
    const draft = localDraft('test.draft', Schema);
    expect(draft.read(() => true)).toBeNull();
    draft.save({ v: 1, userId: 'u1', text: 'hello' });
    expect(draft.read((d) => d.userId === 'u1')).toEqual({ v: 1, userId: 'u1', text: 'hello' });
    expect(draft.read((d) => d.userId === 'u2')).toBeNull();
    Taro.setStorageSync('test.draft', { v: 2, userId: 'u1', text: 'hello' });
    expect(draft.read(() => true)).toBeNull();
    draft.save({ v: 1, userId: 'u1', text: 'again' });
    draft.clear();
    expect(draft.read(() => true)).toBeNull();
  });

  it('storage that fails loses the draft, never the form', () => {
    const draft = localDraft('test.draft', Schema);
    const spies = [
      jest.spyOn(Taro, 'getStorageSync').mockImplementation(() => {
        throw new Error('unavailable');
      }),
      jest.spyOn(Taro, 'setStorageSync').mockImplementation(() => {
        throw new Error('full');
      }),
      jest.spyOn(Taro, 'removeStorageSync').mockImplementation(() => {
        throw new Error('unavailable');
      }),
    ];
    try {
      expect(() => draft.save({ v: 1, userId: 'u1', text: 'x' })).not.toThrow();
      expect(draft.read(() => true)).toBeNull();
      expect(() => draft.clear()).not.toThrow();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('the address form keeps one draft per user and address', () => {
    const address: AddressDraft = {
      v: 1,
      userId: 'u1',
      addressId: null,
      recipientName: '张三',
      phone: '13800000000',
      region: { provinceCode: '110000', cityCode: '110100', districtCode: '110101' },
      detail: '一号楼',
      isDefault: true,
    };
    saveAddress(address);
    expect(readAddress('u1', null)).toEqual(address);
    expect(readAddress('u1', 'a1')).toBeNull();
    expect(readAddress('u2', null)).toBeNull();
    clearAddress();
    expect(readAddress('u1', null)).toBeNull();
  });

  it('the report form keeps its draft for the user who wrote it', () => {
    const me = { id: 'u1', profile: { name: '李四', department: { id: 'd1' } } } as unknown as Me;
    const ticket = { ...emptyDraft(me), description: '镜头模糊' };
    saveTicket(ticket);
    expect(readTicket('u1')).toEqual(ticket);
    expect(readTicket('u2')).toBeNull();
    clearTicket();
    expect(readTicket('u1')).toBeNull();
  });
});
