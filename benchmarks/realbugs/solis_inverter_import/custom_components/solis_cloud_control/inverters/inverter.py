from dataclasses import dataclass, replace

from custom_components.solis_cloud_control.api.solis_api import SolisCloudControlApiClient


@dataclass(frozen=True)
class InverterInfo:
    serial_number: str
    model: str | None
    version: str | None
    machine: str | None
    energy_storage_control: str | None
    power: str | None
    power_unit: str | None

    @property
    def power_watts(self) -> float | None:
        if self.power is None:
            return None
        factor = 1000 if self.power_unit == "kW" else 1
        return float(self.power) * factor

    @property
    def is_string_inverter(self) -> bool:
        return self.energy_storage_control is not None and self.energy_storage_control == "0"


@dataclass(frozen=True)
class InverterOnOff:
    on_cid: int = 52
    off_cid: int = 54


@dataclass(frozen=True)
class InverterMaxExportPower:
    cid: int = 499
    max_value: float = 13_200
    step: float = 100
    scale: float = 0.01


@dataclass(frozen=True)
class InverterChargeDischargeSettings:
    cid: int = 103


@dataclass(frozen=True)
class InverterChargeDischargeSlots:
    SLOTS_COUNT: int = 6


@dataclass(frozen=True)
class Inverter:
    info: InverterInfo
    on_off: InverterOnOff | None = None
    charge_discharge_settings: InverterChargeDischargeSettings | None = None
    charge_discharge_slots: InverterChargeDischargeSlots | None = None
    max_export_power: InverterMaxExportPower | None = None

    @staticmethod
    async def create_string_inverter(
        inverter_info: InverterInfo,
        api_client: SolisCloudControlApiClient,  # noqa: ARG004
    ) -> "Inverter":
        return Inverter(
            info=inverter_info,
            on_off=InverterOnOff(on_cid=48, off_cid=53),
        )

    @staticmethod
    async def create_hybrid_inverter(
        inverter_info: InverterInfo,
        api_client: SolisCloudControlApiClient,
    ) -> "Inverter":
        inverter = Inverter(
            info=inverter_info,
            on_off=InverterOnOff(on_cid=52, off_cid=54),
            max_export_power=InverterMaxExportPower(),
        )

        tou_v2_mode = await api_client.read(inverter_info.serial_number, 6798)

        if tou_v2_mode is not None and tou_v2_mode == "43605":  # 0xAA55
            inverter = replace(inverter, charge_discharge_slots=InverterChargeDischargeSlots())
        else:
            inverter = replace(inverter, charge_discharge_settings=InverterChargeDischargeSettings())

        return inverter
