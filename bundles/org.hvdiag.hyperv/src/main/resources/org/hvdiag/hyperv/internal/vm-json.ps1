# hvdiag vm-json v1
# One VM as hvdiag reads it, in hvdiag's JSON shape (explicit casts: ConvertTo-Json would write
# enums as numbers, leave a single object unwrapped and stop at depth 2). The inventory and the
# change scripts both print VMs through it, so a change is re-read exactly as an inventory reads.
function Get-HvdiagVm([Microsoft.HyperV.PowerShell.VirtualMachine] $vm) {
    $memory = Get-VMMemory -VM $vm
    $processor = Get-VMProcessor -VM $vm
    $firmware = if ($vm.Generation -eq 2) { Get-VMFirmware -VM $vm } else { $null }
    $guestOs = $null
    if ($vm.State -eq 'Running') {
        $kvp = Get-CimInstance -Namespace 'root\virtualization\v2' -ClassName 'Msvm_KvpExchangeComponent' `
            -Filter ("SystemName='{0}'" -f ([guid] $vm.Id).ToString()) -ErrorAction SilentlyContinue
        if ($kvp) {
            foreach ($item in $kvp.GuestIntrinsicExchangeItems) {
                $xml = [xml] $item
                if (($xml.INSTANCE.PROPERTY | Where-Object Name -eq 'Name').VALUE -eq 'OSName') {
                    $guestOs = [string] ($xml.INSTANCE.PROPERTY | Where-Object Name -eq 'Data').VALUE
                }
            }
        }
    }
    [ordered] @{
        Id = ([guid] $vm.Id).ToString()
        Name = [string] $vm.Name
        State = [string] $vm.State
        Generation = [int] $vm.Generation
        Version = [string] $vm.Version
        ProcessorCount = [int] $vm.ProcessorCount
        MemoryStartup = [long] $memory.Startup
        DynamicMemoryEnabled = [bool] $memory.DynamicMemoryEnabled
        MemoryMinimum = [long] $memory.Minimum
        MemoryMaximum = [long] $memory.Maximum
        MemoryBuffer = [int] $memory.Buffer
        ExposeVirtualizationExtensions = [bool] $processor.ExposeVirtualizationExtensions
        AutomaticStopAction = [string] $vm.AutomaticStopAction
        CheckpointType = [string] $vm.CheckpointType
        CheckpointCount = @(Get-VMSnapshot -VM $vm).Count
        SecureBoot = if ($firmware) { [string] $firmware.SecureBoot } else { $null }
        SecureBootTemplate = if ($firmware) { [string] $firmware.SecureBootTemplate } else { $null }
        IntegrationServices = @(Get-VMIntegrationService -VM $vm | ForEach-Object {
            [ordered] @{ Name = [string] $_.Name; Enabled = [bool] $_.Enabled } })
        GuestOs = $guestOs
    }
}
