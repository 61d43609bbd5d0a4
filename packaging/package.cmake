# The tablet appliance as one Debian package (issue 16): `cpack -G DEB` in the release build,
# or `cmake --build --preset release --target package`, makes peer-kiosk_<version>_<arch>.deb.
# Layout (docs/provisioning.md): the kiosk in /usr/libexec/peer-kiosk (with /usr/bin/peer-kiosk
# pointing at it), its content in /usr/share/peer-kiosk, the units in /lib/systemd/system,
# settings in /etc/peer-kiosk (conffiles; conf.d/ is per device and not shipped), the store in
# /var/lib/peer-kiosk (made by postinst and the unit's StateDirectory=).
include(GNUInstallDirs)
set(KIOSK_PKG ${CMAKE_CURRENT_LIST_DIR})
set(KIOSK_DOC share/doc/peer-kiosk)

install(TARGETS kiosk RUNTIME DESTINATION libexec/peer-kiosk)
install(CODE "
  file(MAKE_DIRECTORY \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/bin\")
  file(CREATE_LINK ../libexec/peer-kiosk/kiosk \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/bin/peer-kiosk\" SYMBOLIC)")
install(PROGRAMS ${PROJECT_SOURCE_DIR}/provisioning/peer-kiosk-enroll DESTINATION sbin)
install(PROGRAMS ${PROJECT_SOURCE_DIR}/provisioning/make-device-key.sh ${PROJECT_SOURCE_DIR}/provisioning/write-device-config.sh
  DESTINATION libexec/peer-kiosk)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/ DESTINATION share/peer-kiosk/assets
  FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ
  DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
install(FILES ${KIOSK_PKG}/peer-kiosk.service ${KIOSK_PKG}/peer-kiosk-retry.service ${KIOSK_PKG}/peer-kiosk-retry.timer
  DESTINATION /lib/systemd/system)
install(FILES ${KIOSK_PKG}/kiosk.json DESTINATION /etc/peer-kiosk)
install(FILES ${KIOSK_PKG}/pam.d-peer-kiosk DESTINATION /etc/pam.d RENAME peer-kiosk)
install(FILES ${KIOSK_PKG}/50-peer-kiosk.conf DESTINATION lib/sysctl.d)
install(FILES ${KIOSK_PKG}/copyright DESTINATION ${KIOSK_DOC})

# Man pages and the Debian changelog, compressed as Debian wants them (gzip -9n: reproducible).
set(KIOSK_GZ_DIR ${CMAKE_CURRENT_BINARY_DIR}/package-gz)
file(MAKE_DIRECTORY ${KIOSK_GZ_DIR})
foreach(source peer-kiosk.1 peer-kiosk-enroll.8 changelog)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${KIOSK_PKG}/${source})
  execute_process(COMMAND gzip -9nc ${KIOSK_PKG}/${source} OUTPUT_FILE ${KIOSK_GZ_DIR}/${source}.gz COMMAND_ERROR_IS_FATAL ANY)
endforeach()
install(FILES ${KIOSK_GZ_DIR}/peer-kiosk.1.gz DESTINATION share/man/man1)
install(FILES ${KIOSK_GZ_DIR}/peer-kiosk-enroll.8.gz DESTINATION share/man/man8)
install(FILES ${KIOSK_GZ_DIR}/changelog.gz DESTINATION ${KIOSK_DOC} RENAME changelog.Debian.gz)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME peer-kiosk)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_CONTACT "Peer-support kiosk maintainers <maintainers@users.noreply.r-seed-2e25238b.example>")
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "cage, xwayland, fonts-noto-core, fonts-material-design-icons-iconfont, espeak-ng-data, adduser, openssl, systemd")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${KIOSK_PKG}/debian/conffiles ${KIOSK_PKG}/debian/postinst ${KIOSK_PKG}/debian/prerm ${KIOSK_PKG}/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "touch kiosk appliance for clinic waiting rooms")
# CPack puts the summary on the Description line; this is the extended text (an empty line
# becomes a " ." paragraph break).
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "One full-screen touch application for loaner tablets in the waiting rooms of
community mental health centers: a person can learn to use a tablet, find
help, and book a peer support specialist, in English and Spanish, with
nothing of theirs kept on the device.

The package makes the tablet an appliance: a cage session on tty1 that runs
only the kiosk, as its own system user, restarted after any crash, with
Magic SysRq off; peer-kiosk-enroll enrolls the tablet into a clinic's FHIR
server over mutual TLS.")
install(FILES ${KIOSK_PKG}/lintian-overrides DESTINATION share/lintian/overrides RENAME peer-kiosk)
include(CPack)
