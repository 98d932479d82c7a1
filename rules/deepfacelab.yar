rule deepfacelab_installed {
  meta:
    tool = "DeepFaceLab" category = "face swap" strength = "installed"
    reference = "iperov/DeepFaceLab: DeepFaceLab_NVIDIA_RTX3000_series_build_*.exe, workspace\\data_src, data_dst, \"train SAEHD.bat\""
  condition:
    artifact == "file" and
    (filename matches /^DeepFaceLab_.*build.*\.exe$/i or filename matches /^[0-9]+\) train (SAEHD|Quick96|AMP)\.bat$/i or
     filename matches /^train (SAEHD|Quick96|AMP)\.bat$/i)
}

rule deepfacelab_trained_model {
  meta:
    tool = "DeepFaceLab" category = "face swap" strength = "used"
    reference = "iperov/DeepFaceLab: workspace/model/*_SAEHD_data.dat, *.dfm exported for DeepFaceLive"
  condition:
    artifact == "file" and filename matches /_(SAEHD|AMP)_(data\.dat|model\.dfm)$/i
}
